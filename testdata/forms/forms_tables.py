"""Tables of other shapes than one project's 一级 | 二级 | 三级 | 指标值 (#22):
projects as columns (a value column per township, or per project of a
department), tables without a 三级指标 column (the second level is the
indicator), and a fund-allocation table before the target table."""
import importlib.util
import os

_spec = importlib.util.spec_from_file_location(
    "make_forms", os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-forms.py"))
mf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mf)
Form, Project, Ind, Q, D, T, E = mf.Form, mf.Project, mf.Ind, mf.Q, mf.D, mf.T, mf.E


# ------------------------------------------------------- projects as columns
# One indicator a row, one value column a township: each column is a project
# named by its header, the table's header fields shared by all.

_TOWNS = ["城关镇", "东关镇", "西关镇"]
_TOWN_ROWS = [
    # level1, level2, name, a value per town, the gold value per town
    ("产出指标", "数量指标", "清运生活垃圾", ["≥1200吨", "≥800吨", "≥600吨"],
     [Q(">=", 1200, "吨"), Q(">=", 800, "吨"), Q(">=", 600, "吨")]),
    ("", "质量指标", "垃圾无害化处理率", ["≥95%", "≥90%", "≥90%"],
     [Q(">=", 95, "%"), Q(">=", 90, "%"), Q(">=", 90, "%")]),
    ("", "时效指标", "整治完成时间", ["2024年11月底前", "2024年10月底前", "2024年12月底前"],
     [D("<=", "2024-11"), D("<=", "2024-10"), D("<=", "2024-12")]),
    ("效益指标", "社会效益指标", "镇容镇貌", ["明显改善", "明显改善", "有所改善"], [T, T, T]),
    ("满意度指标", "服务对象满意度指标", "群众满意度", ["≥90%", "≥85%", "≥85%"],
     [Q(">=", 90, "%"), Q(">=", 85, "%"), Q(">=", 85, "%")]),
]


def _town_gold():
    projects = []
    for t, town in enumerate(_TOWNS):
        inds, level1 = [], None
        for l1, l2, name, _, gold in _TOWN_ROWS:
            level1 = l1 or level1
            inds.append(Ind(level1, l2, name, gold[t]))
        projects.append(Project(town, inds, year=2024, department="某县住房和城乡建设局",
                                implementer="各镇人民政府", attribute="经常性项目",
                                amount_yuan=3000000))
    return projects


# A department's table: no 项目名称 row, the header row names each project.
_DEPT_PROJECTS = ["高标准农田建设", "农机购置补贴"]
_DEPT_ROWS = [
    ("产出指标", "数量指标", "建设或补贴规模", ["5000亩", "≥300台套"],
     [Q(None, 5000, "亩"), Q(">=", 300, "台套")]),
    ("", "成本指标", "资金投入", ["≤800万元", "≤150万元"],
     [Q("<=", 800, "万元", base=8000000), Q("<=", 150, "万元", base=1500000)]),
    ("效益指标", "经济效益指标", "农户增收", ["≥200元/亩", "/"],
     [Q(">=", 200, "元/亩"), E]),
    ("满意度指标", "服务对象满意度指标", "受益农户满意度", ["≥90%", "≥95%"],
     [Q(">=", 90, "%"), Q(">=", 95, "%")]),
]


def _dept_gold():
    projects = []
    for k, name in enumerate(_DEPT_PROJECTS):
        inds, level1 = [], None
        for l1, l2, ind, _, gold in _DEPT_ROWS:
            level1 = l1 or level1
            inds.append(Ind(level1, l2, ind, gold[k]))
        projects.append(Project(name, inds, year=2024, department="某县农业农村局"))
    return projects


# ---------------------------------------------------- no 三级指标 column
# The second level is the indicator: its name and its level.

_NO_LEVEL3_GOLD = [Project("社区养老服务补助", [
    Ind("产出指标", "数量指标", "数量指标", Q(">=", 12, "个")),
    Ind("产出指标", "质量指标", "质量指标", Q(">=", 95, "%")),
    Ind("产出指标", "时效指标", "时效指标", D("<=", "2024-12-31")),
    Ind("效益指标", "社会效益指标", "社会效益指标", T),
    Ind("满意度指标", "服务对象满意度指标", "服务对象满意度指标", Q(">=", 90, "%")),
], year=2024, department="某县民政局", implementer="某县养老服务中心", amount_yuan=600000)]

_NO_LEVEL3_HEAD = [
    "2024年度项目支出绩效目标表",
    ["项目名称", "社区养老服务补助", "", ""],
    ["主管部门", "某县民政局", "实施单位", "某县养老服务中心"],
    ["项目资金（万元）", "60", "", ""],
]

# Without a 指标值 header: the value written straight after (under) the
# second level, in a column that has no label; short second-level labels.
_NO_VALUE_HEAD_GOLD = [Project("文化下乡演出", [
    Ind("产出指标", "数量指标", "数量", Q(">=", 40, "场")),
    Ind("产出指标", "时效指标", "时效", D("<=", "2024-11-30")),
    Ind("产出指标", "成本指标", "成本", Q("<=", 20, "万元", base=200000)),
    Ind("效益指标", "社会效益指标", "社会效益", T),
    Ind("满意度指标", "服务对象满意度指标", "服务对象满意度", Q(">=", 85, "%")),
], year=2024, department="某县文化和旅游局", implementer="某县文化馆", amount_yuan=200000)]


# --------------------------------------- a fund table before the target table

_FUND_GOLD = [Project("农村饮水安全维修养护", [
    Ind("产出指标", "数量指标", "维修供水工程", Q(">=", 25, "处")),
    Ind("产出指标", "质量指标", "工程验收合格率", Q(None, 100, "%")),
    Ind("效益指标", "社会效益指标", "农村供水保证率", Q(">=", 95, "%")),
    Ind("满意度指标", "服务对象满意度指标", "受益群众满意度", Q(">=", 90, "%")),
], year=2024, department="某县水利局", implementer="某县农村供水管理站", amount_yuan=800000)]

_FUND_TARGET = [
    "2024年度项目支出绩效目标表",
    ["项目名称", "农村饮水安全维修养护", "", ""],
    ["主管部门", "某县水利局", "实施单位", "某县农村供水管理站"],
    ["项目资金（万元）", "80", "", ""],
    ["年度绩效目标", "维修农村供水工程，保障农村群众饮水安全。", "", ""],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "维修供水工程", "≥25处"],
    ["", "质量指标", "工程验收合格率", "100%"],
    ["效益指标", "社会效益指标", "农村供水保证率", "≥95%"],
    ["满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%"],
]


FORMS = [
    Form(
        "townships",
        "projects as columns: 一级 | 二级 | 三级 | 城关镇 | 东关镇 | 西关镇, a value column a township",
        [
            "2024年度项目支出绩效目标表",
            ["项目名称", "乡镇环境卫生整治", "", "", "", ""],
            ["主管部门", "某县住房和城乡建设局", "", "实施单位", "各镇人民政府", ""],
            ["项目属性", "经常性项目", "", "项目资金（万元）", "300", ""],
            ["一级指标", "二级指标", "三级指标"] + _TOWNS,
        ] + [[l1, l2, name] + vals for l1, l2, name, vals, _ in _TOWN_ROWS],
        _town_gold(),
    ),
    Form(
        "project-columns",
        "projects as columns in a department's table: no 项目名称 row, the header row names each project",
        [
            "2024年部门项目支出绩效目标表",
            ["部门名称", "某县农业农村局", "", ""],
            ["一级指标", "二级指标", "三级指标"] + _DEPT_PROJECTS,
        ] + [[l1, l2, name] + vals for l1, l2, name, vals, _ in _DEPT_ROWS],
        _dept_gold(),
    ),
    Form(
        "no-level3",
        "no 三级指标 column: 一级 | 二级 | 指标值, the second level is the indicator",
        _NO_LEVEL3_HEAD + [
            ["一级指标", "二级指标", "指标值", ""],
            ["产出指标", "数量指标", "≥12个", ""],
            ["", "质量指标", "≥95%", ""],
            ["", "时效指标", "2024年12月31日前", ""],
            ["效益指标", "社会效益指标", "老年人生活质量明显提高", ""],
            ["满意度指标", "服务对象满意度指标", "≥90%", ""],
        ],
        _NO_LEVEL3_GOLD,
    ),
    Form(
        "no-level3-no-value-label",
        "no 三级指标 column and no 指标值 label: the value written straight after the second level",
        [
            "2024年度项目支出绩效目标表",
            ["项目名称", "文化下乡演出", "", ""],
            ["主管部门", "某县文化和旅游局", "实施单位", "某县文化馆"],
            ["项目资金（万元）", "20", "", ""],
            ["一级指标", "二级指标", "", ""],
            ["产出指标", "数量", "≥40场", ""],
            ["", "时效", "2024年11月30日前", ""],
            ["", "成本", "≤20万元", ""],
            ["效益指标", "社会效益", "群众文化生活进一步丰富", ""],
            ["满意度指标", "服务对象满意度", "≥85%", ""],
        ],
        _NO_VALUE_HEAD_GOLD,
    ),
    Form(
        "fund-table",
        "a fund-allocation table (a …分配表 title, 资金来源 | 金额 rows) before the target table",
        [
            "2024年农村饮水安全维修养护资金分配表",
            ["资金来源", "金额（万元）"],
            ["财政拨款", "50"],
            ["其他资金", "30"],
            ["合计", "80"],
        ] + _FUND_TARGET,
        _FUND_GOLD,
    ),
    Form(
        "fund-table-projects",
        "a fund-allocation table listing projects (项目名称 | 资金来源 | 金额) before the target table",
        [
            "某县水利局2024年项目资金分配表",
            ["项目名称", "资金来源", "金额（万元）"],
            ["农村饮水安全维修养护", "财政拨款", "80"],
            ["小型水库除险加固", "财政拨款", "120"],
        ] + _FUND_TARGET,
        _FUND_GOLD,
    ),
]
