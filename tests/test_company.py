"""Who acts together: graph/curation/company.py, read through suggest with the seeds as the
graph and no known ties (only the lines speak)."""

from __future__ import annotations

import pytest
from conftest import suggested


@pytest.mark.parametrize(
    "text, together",
    [
        # "the Syrian and the Russian air forces shelled the positions of HTS"
        (
            "قصف سلاح الجو السوري والروسي مواقع هيئة تحرير الشام.",
            ("syrian-air-force", "fightsAlongside", "russian-air-force"),
        ),
        ("Iran and Hezbollah attacked HTS near Hama.", ("iran", "fightsAlongside", "hezbollah")),
    ],
)
def test_joint_attackers_fight_alongside(gs, text, together):
    assert together in suggested(gs, text, by="relation", known=False)


@pytest.mark.parametrize(
    "text",
    [
        "Iran and Hezbollah support the Syrian government.",  # support is no act of arms
        "Iran attacked HTS. Hezbollah attacked Israel.",  # two acts, two targets
    ],
)
def test_no_comrades_without_one_joint_attack(gs, text):
    found = suggested(gs, text, by="relation", known=False)
    assert not any(r == "fightsAlongside" for _, r, _ in found), found


def test_a_companion_of_an_attack_fights_alongside_and_joins_the_coalition_led(gs):
    # "HTS, with smaller opposition factions, launched an offensive on Hama"; the graph
    # knows that HTS leads the offensive's coalition
    text = "وشنت هيئة تحرير الشام، مع فصائل معارضة أصغر، هجوما على حماة."
    found = suggested(gs, text, by="relation")
    assert ("hts", "fightsAlongside", "opposition-factions") in found, found
    assert ("opposition-factions", "memberOf", "hts-led-coalition") in found, found


def test_a_with_that_is_not_set_off_names_no_companion(gs):
    # "after a meeting with the President, the strikes went forward"
    text = "The Council met with the President and Turkey attacked the PKK."
    found = suggested(gs, text, by="relation", known=False)
    assert not any(r == "fightsAlongside" for _, r, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Iran and Russia said Israel attacked Syria.",  # speakers, not attackers
        "Turkey and Iran condemned the attack on the SDF.",  # they condemn it
        # "Russia and Turkey said HTS's attack on Aleppo is unacceptable"
        "وقالت روسيا وتركيا إن هجوم هيئة تحرير الشام على حلب مرفوض.",
        "Turkey, with US approval, attacked the YPG near Tal Rifaat.",  # a circumstance
        "HTS, with Turkish backing, launched an offensive on Aleppo.",  # a backer, by demonym
        # "HTS, with Russia busy in Ukraine, launched an attack on Aleppo"
        "وشنت هيئة تحرير الشام، مع روسيا المنشغلة في أوكرانيا، هجوما على حلب.",
        "وقالت إيران، مع روسيا، إن هيئة تحرير الشام هاجمت حلب.",  # the attack is HTS's
    ],
)
def test_no_comrades_who_do_not_attack_together(gs, text):
    found = suggested(gs, text, by="relation")
    assert not any(r in ("fightsAlongside", "memberOf") for _, r, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Israel, with Hezbollah weakened, struck targets in Syria.",  # a circumstance
        "HTS, with the Syrian army collapsing, launched an offensive on Aleppo.",
        # "HTS, with Hezbollah withdrawing, launched an attack on Aleppo"
        "وشنت هيئة تحرير الشام، مع حزب الله المنسحب، هجوما على حلب.",
        # "Russia and Turkey came under attack from HTS": victims, not comrades
        "وتعرضت روسيا وتركيا لهجوم من هيئة تحرير الشام.",
    ],
)
def test_a_party_in_a_state_or_under_attack_is_no_comrade(gs, text):
    found = suggested(gs, text, by="relation")
    assert not any(r in ("fightsAlongside", "memberOf") for _, r, _ in found), found
