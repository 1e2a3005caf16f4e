"""The navigation (hooks/engine/navigation.py): flat, sections replaced by their pages, in order."""

from __future__ import annotations

from mkdocs.structure.nav import Link, Navigation, Section

from hooks.engine import navigation


def test_sections_at_any_depth_give_way_to_their_pages_in_order():
    home, runbooks, errors, deep = Link("Home", "/"), Link("Runbooks", "runbooks/"), Link("Errors", "errors/"), \
        Link("Deep", "a/b/")
    inner = Section("B", [deep])
    folder = Section("A", [inner])
    for child, parent in ((deep, inner), (inner, folder)):
        child.parent = parent
    nav = Navigation([home, Section("Runbooks", [runbooks]), Section("Errors", [errors]), folder], [])
    for section in nav.items[1:3]:
        section.children[0].parent = section
    flat = navigation.flatten(nav)
    assert flat is nav
    assert nav.items == [home, runbooks, errors, deep]
    assert all(item.parent is None for item in nav.items)


def test_an_empty_section_disappears():
    home = Link("Home", "/")
    nav = navigation.flatten(Navigation([Section("Nothing", []), home], []))
    assert nav.items == [home]
