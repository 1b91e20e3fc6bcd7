"""Headers in shapes the plain form does not have: a header label after
other text on its line (`一、基本情况 项目名称：…`); a title inside a table
row, whose year is every project's that follows it."""
import importlib.util
import os

_spec = importlib.util.spec_from_file_location(
    "make_forms", os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-forms.py"))
mf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mf)
Form, Project, Ind, Q, D, T = mf.Form, mf.Project, mf.Ind, mf.Q, mf.D, mf.T


def _tree(subject, count, unit, rate, date):
    """The indicator rows of one small table, and their gold."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", subject, f"≥{count}{unit}"],
        ["", "质量指标", "任务完成率", f"≥{rate}%"],
        ["", "时效指标", "完成时间", date[0]],
        ["效益指标", "社会效益指标", "群众生产生活安全", "有效保障"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
    ]
    gold = [
        Ind("产出指标", "数量指标", subject, Q(">=", count, unit)),
        Ind("产出指标", "质量指标", "任务完成率", Q(">=", rate, "%")),
        Ind("产出指标", "时效指标", "完成时间", D("<=", date[1])),
        Ind("效益指标", "社会效益指标", "群众生产生活安全", T),
        Ind("满意度指标", "服务对象满意度指标", "群众满意度", Q(">=", 90, "%")),
    ]
    return rows, gold


_FIRE, _FIRE_GOLD = _tree("森林防火巡护里程", 500, "公里", 95, ("2021年12月底前", "2021-12"))
_PEST, _PEST_GOLD = _tree("有害生物防治面积", 3, "万亩", 90, ("2021年10月底前", "2021-10"))
_PEST_GOLD[0] = Ind("产出指标", "数量指标", "有害生物防治面积", Q(">=", 3, "万亩", base=30000))
_TREE, _TREE_GOLD = _tree("兑现补助面积", 1200, "亩", 100, ("2021年6月30日前", "2021-06-30"))

_WATER, _WATER_GOLD = _tree("水源地巡查次数", 24, "次", 95, ("2022年12月31日前", "2022-12-31"))
_DIKE, _DIKE_GOLD = _tree("堤防维修长度", 3.5, "公里", 98, ("2022年9月底前", "2022-09"))
_DRINK, _DRINK_GOLD = _tree("水质检测样本", 120, "份", 100, ("2022年11月底前", "2022-11"))

FORMS = [
    # Each project's 项目名称 comes after a heading on its line: in a
    # paragraph, in the first cell of a table row, and in a cell of its own
    # before the label's.
    Form(
        "label-after-text",
        "a header label after other text on its line: `一、基本情况 项目名称：森林防火经费` (a paragraph, a row's first cell, a cell before the label's)",
        [
            "2021年度部门项目支出绩效目标表",
            "一、基本情况 项目名称：森林防火经费",
            ["主管部门", "某县林业局", "实施单位", "某县森林消防大队"],
            ["项目属性", "经常性项目", "项目期限", "1年"],
            ["项目资金（万元）", "60", "", ""],
            ["年度绩效目标", "加强森林防火巡护和火险监测，全年不发生重特大森林火灾。", "", ""],
            *_FIRE,
            ["一、基本情况 项目名称：林业有害生物防治经费", "", "", ""],
            ["主管部门", "某县林业局", "实施单位", "某县林业技术推广站"],
            ["项目属性", "经常性项目", "项目期限", "1年"],
            ["项目资金（万元）", "35", "", ""],
            ["年度绩效目标", "开展林业有害生物监测和防治，控制松材线虫病等疫情扩散。", "", ""],
            *_PEST,
            ["（三）项目基本信息", "项目名称", "退耕还林补助资金", ""],
            ["主管部门", "某县林业局", "实施单位", "某县退耕还林工作站"],
            ["项目属性", "一次性项目", "项目期限", "1年"],
            ["项目资金（万元）", "18", "", ""],
            ["年度绩效目标", "按时足额兑现退耕还林补助，巩固退耕还林成果。", "", ""],
            *_TREE,
        ],
        [
            Project("森林防火经费", _FIRE_GOLD, year=2021, department="某县林业局",
                    implementer="某县森林消防大队", attribute="经常性项目", period="1年",
                    amount_yuan=600000),
            Project("林业有害生物防治经费", _PEST_GOLD, year=2021, department="某县林业局",
                    implementer="某县林业技术推广站", attribute="经常性项目", period="1年",
                    amount_yuan=350000),
            Project("退耕还林补助资金", _TREE_GOLD, year=2021, department="某县林业局",
                    implementer="某县退耕还林工作站", attribute="一次性项目", period="1年",
                    amount_yuan=180000),
        ],
    ),
    # The title is a row of the table (a cell merged across it), once, over
    # three projects: its year is each project's.
    Form(
        "title-year",
        "the title in a table row (`| 2022年度项目支出绩效目标表 | | | |`) over three projects: its year is each one's",
        [
            ["2022年度项目支出绩效目标表", "", "", ""],
            ["项目名称", "饮用水水源地保护经费", "", ""],
            ["主管部门", "某县水利局", "实施单位", "某县水资源管理站"],
            ["项目资金（万元）", "40", "", ""],
            ["年度绩效目标", "加强饮用水水源地巡查和水质监测，保障群众饮水安全。", "", ""],
            *_WATER,
            ["项目名称", "河道堤防维修养护经费", "", ""],
            ["主管部门", "某县水利局", "实施单位", "某县河道管理所"],
            ["项目资金（万元）", "150", "", ""],
            ["年度绩效目标", "维修加固病险堤防，提高河道防洪能力。", "", ""],
            *_DIKE,
            ["项目名称", "农村饮水安全运行维护经费", "", ""],
            ["主管部门", "某县水利局", "实施单位", "某县农村供水管理站"],
            ["项目资金（万元）", "65", "", ""],
            ["年度绩效目标", "保障农村集中供水工程正常运行，水质达标。", "", ""],
            *_DRINK,
        ],
        [
            Project("饮用水水源地保护经费", _WATER_GOLD, year=2022, department="某县水利局",
                    implementer="某县水资源管理站", amount_yuan=400000),
            Project("河道堤防维修养护经费", _DIKE_GOLD, year=2022, department="某县水利局",
                    implementer="某县河道管理所", amount_yuan=1500000),
            Project("农村饮水安全运行维护经费", _DRINK_GOLD, year=2022, department="某县水利局",
                    implementer="某县农村供水管理站", amount_yuan=650000),
        ],
    ),
]
