"""追责情形: the standard situations of the Administrative Licensing Law (articles 72–77) in
which the implementing department and its staff are held to account. Article 71 concerns the
body that *sets* a licence, not the one that implements it, so it is not listed here."""

from publish.lists.schemas import Accountability

LAW = "中华人民共和国行政许可法"
SANCTION = ("由其上级行政机关或者监察机关责令改正，对直接负责的主管人员和其他直接责任人员"
            "依法给予处分")

ACCOUNTABILITY = [
    Accountability(
        law=LAW, article="第七十二条",
        situations=["对符合法定条件的申请不予受理", "不在办公场所公示依法应当公示的材料",
                    "在受理、审查、决定过程中未向申请人、利害关系人履行法定告知义务",
                    "申请材料不齐全或者不符合法定形式，不一次告知申请人必须补正的全部内容",
                    "违法披露申请人提交的商业秘密、未披露信息或者保密商务信息",
                    "以转让技术作为取得行政许可的条件，或者直接或者间接地要求转让技术",
                    "未依法说明不受理申请或者不予行政许可的理由", "依法应当举行听证而不举行听证"],
        consequence="由其上级行政机关或者监察机关责令改正；情节严重的，对直接负责的主管人员和"
                    "其他直接责任人员依法给予处分"),
    Accountability(
        law=LAW, article="第七十三条",
        situations=["工作人员办理行政许可、实施监督检查，索取或者收受他人财物或者谋取其他利益"],
        consequence="依法给予处分；构成犯罪的，依法追究刑事责任"),
    Accountability(
        law=LAW, article="第七十四条",
        situations=["对不符合法定条件的申请人准予许可，或者超越法定职权作出准予许可决定",
                    "对符合法定条件的申请人不予许可，或者不在法定期限内作出准予许可决定",
                    "依法应当通过招标、拍卖或者考试择优作出决定，而未经招标、拍卖、考试或者"
                    "不根据其结果择优作出决定"],
        consequence=f"{SANCTION}；构成犯罪的，依法追究刑事责任"),
    Accountability(
        law=LAW, article="第七十五条",
        situations=["擅自收费或者不按照法定项目和标准收费",
                    "截留、挪用、私分或者变相私分依法收取的费用"],
        consequence="责令退还非法收取的费用，或者予以追缴；对直接负责的主管人员和其他直接责任"
                    "人员依法给予处分；构成犯罪的，依法追究刑事责任"),
    Accountability(
        law=LAW, article="第七十六条",
        situations=["违法实施行政许可，给当事人的合法权益造成损害"],
        consequence="依照《中华人民共和国国家赔偿法》的规定给予赔偿"),
    Accountability(
        law=LAW, article="第七十七条",
        situations=["不依法履行监督职责或者监督不力，造成严重后果"],
        consequence=f"{SANCTION}；构成犯罪的，依法追究刑事责任"),
]
