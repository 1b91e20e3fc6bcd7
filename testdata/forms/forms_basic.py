"""The plain shape every other form varies: a header, then 一级 | 二级 | 三级 |
指标值 rows, blank cells under merged ones. It keeps the renderers honest: a
reader that fails here fails for the renderer, not for the form."""
import importlib.util
import os

_spec = importlib.util.spec_from_file_location(
    "make_forms", os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-forms.py"))
mf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mf)
Form, Project, Ind, Q, D, T = mf.Form, mf.Project, mf.Ind, mf.Q, mf.D, mf.T

FORMS = [
    Form(
        "basic",
        "the plain shape: header rows, then 一级 | 二级 | 三级 | 指标值",
        [
            "2024年度项目支出绩效目标表",
            ["项目名称", "农村道路养护经费", "", ""],
            ["主管部门", "某县交通运输局", "实施单位", "某县公路养护站"],
            ["项目属性", "经常性项目", "项目期限", "1年"],
            ["项目资金（万元）", "120", "", ""],
            ["年度绩效目标", "完成全县农村道路日常养护，保障道路安全畅通。", "", ""],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "养护农村道路里程", "≥350公里"],
            ["", "质量指标", "道路优良率", "≥85%"],
            ["", "时效指标", "养护任务完成时间", "2024年12月31日前"],
            ["效益指标", "社会效益指标", "群众出行条件", "明显改善"],
            ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"],
        ],
        [Project("农村道路养护经费", [
            Ind("产出指标", "数量指标", "养护农村道路里程", Q(">=", 350, "公里")),
            Ind("产出指标", "质量指标", "道路优良率", Q(">=", 85, "%")),
            Ind("产出指标", "时效指标", "养护任务完成时间", D("<=", "2024-12-31")),
            Ind("效益指标", "社会效益指标", "群众出行条件", T),
            Ind("满意度指标", "服务对象满意度指标", "沿线群众满意度", Q(">=", 90, "%")),
        ], year=2024, department="某县交通运输局", implementer="某县公路养护站",
            attribute="经常性项目", period="1年", amount_yuan=1200000)],
    ),
]
