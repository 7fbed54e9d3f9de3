"""Generated catalog records for the collection benchmark: Chinese museum-style
titles, dates, materials, makers and descriptions in both languages, seeded so
every run makes the same objects."""

from __future__ import annotations

import random

DYNASTIES = [("商", "晚期", -1300), ("西周", "", -1000), ("战国", "", -400), ("西汉", "", -150), ("东汉", "", 100),
             ("唐", "", 700), ("北宋", "", 1050), ("南宋", "", 1200), ("元", "", 1320),
             ("明", "永乐", 1410), ("明", "宣德", 1430), ("明", "成化", 1475), ("明", "万历", 1590),
             ("清", "康熙", 1690), ("清", "雍正", 1730), ("清", "乾隆", 1760), ("清", "道光", 1830), ("民国", "", 1920)]
MEDIA = [("瓷", "porcelain", "碗瓶盘罐杯壶"), ("青铜", "bronze", "鼎爵觚尊镜剑"), ("玉", "jade", "璧佩琮璜环"),
         ("陶", "earthenware", "俑罐壶"), ("纸本水墨", "ink on paper", "卷轴册"), ("绢本设色", "ink and colour on silk", "卷轴"),
         ("漆", "lacquer", "盒盘"), ("铜鎏金", "gilt bronze", "像炉"), ("石", "stone", "像碑"), ("木", "wood", "椅案")]
MOTIFS = ["缠枝莲纹", "龙纹", "凤纹", "花鸟", "山水", "兽面纹", "云纹", "鱼藻纹", "婴戏图", "八宝纹", "螭龙", "人物"]
GLAZES = ["青花", "粉彩", "斗彩", "五彩", "白釉", "青釉", "霁蓝釉", "黄釉", "素", "剔红", "錾花", "白玉"]
MAKERS = ["", "", "", "佚名", "景德镇御窑", "龙泉窑", "黄公望", "文徵明", "唐寅", "沈周", "郎世宁", "王翚"]
EN_MOTIF = ["lotus scrolls", "dragons", "phoenixes", "birds and flowers", "landscape", "taotie masks", "clouds",
            "fish and water plants", "children at play", "eight treasures", "chi dragons", "figures"]
PHRASES = ["器形规整", "胎质细腻", "釉色莹润", "纹饰繁密", "为宫廷用器", "出土于墓葬", "保存完好", "造型端庄",
           "工艺精湛", "线条流畅", "色彩鲜艳", "为祭祀礼器", "具有时代特征", "旧藏", "经修复"]


def generated_records(count: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        dynasty, reign, year = rng.choice(DYNASTIES)
        medium, medium_en, forms = rng.choice(MEDIA)
        form = rng.choice(forms)
        motif_n = rng.randrange(len(MOTIFS))
        title = f"{rng.choice(GLAZES)}{MOTIFS[motif_n]}{form}"
        description = "，".join(rng.sample(PHRASES, rng.randint(3, 6))) + "。"
        out.append({
            "accession": f"C{i:06d}", "title_zh": title,
            "title_en": f"{medium_en.capitalize()} {rng.choice(['vessel', 'piece', 'object'])} with "
                        f"{EN_MOTIF[motif_n]}" if rng.random() < 0.8 else "",
            "maker": rng.choice(MAKERS), "date_text": dynasty + reign, "culture": dynasty, "medium": medium,
            "year_earliest": year, "year_latest": year + 20,
            "description_zh": description,
            "description_en": f"A {medium_en} {form and 'object'} decorated with {EN_MOTIF[motif_n]}, "
                              f"from the {dynasty} collection, number {i}.",
            "keywords": ";".join([medium, MOTIFS[motif_n][:2], form]),
            "rights": rng.choice(["CC0", "CC0", "CC BY 4.0", "© museum"]),
        })
    return out
