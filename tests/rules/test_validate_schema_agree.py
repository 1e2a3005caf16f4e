"""The fast schema pre-check (fastjsonschema) may only pass what jsonschema passes: otherwise a
runbook could skip a schema problem. Checked on front matter mutated every way hypothesis finds."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hooks.corpus.runbook_format import FIELD_ORDER
from hooks.rules.validate import schema_accepts, schema_validator

BASE = {
    "id": "KA-12345", "type": "kb-article", "language": "fr", "title": "Un titre", "description": "Une description",
    "article-number": "KA-12345", "exl-id": "5368015d-4d97-492c-a056-664a601306df", "product": ["Campaign"],
    "applies-to": ["Campaign v8"], "keywords": ["KCS"], "version-number": 2, "created": "2024-04-17T12:30:27Z",
    "published": "2024-04-17", "workflow-type": "tm+mt", "ht-degree": 7, "hide": False,
}
GUIDE = {"id": "exl-a039a288", "type": "guide", "language": "ja", "title": "Guide", "description": "Une page",
         "product": ["Campaign"]}

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 200), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "x", "KA-12345", "KA-1234", "KT-12345", "exl-a039a288", "exl-A039A288", "guide",
                     "kb-article", "fr", "pt-BR", "de", "2024-04-17", "2024-04-17T12:30:27Z", "2024-04-17 12:30",
                     "5368015d-4d97-492c-a056-664a601306df", "Campaign", "ab"]),
    st.text(max_size=5),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.dictionaries(st.text(max_size=3), scalars, max_size=2))
mutation = st.tuples(st.sampled_from([*FIELD_ORDER, "aplies-to", "internal-notes"]),
                     st.one_of(st.just("delete"), values))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.sampled_from([BASE, GUIDE]), mutations=st.lists(mutation, max_size=4))
def test_fast_check_never_passes_what_jsonschema_rejects(base, mutations):
    meta = dict(base)
    for key, value in mutations:
        if value == "delete":
            meta.pop(key, None)
        else:
            meta[key] = value
    if schema_accepts(meta):
        assert schema_validator().is_valid(meta), meta


def test_the_examples_are_not_all_valid():
    assert schema_accepts(BASE) and schema_accepts(GUIDE)
    assert not schema_accepts({**BASE, "version-number": True})
    assert not schema_accepts({**GUIDE, "id": "KA-12345"})
    assert not schema_accepts({**BASE, "product": []})  # $ref with a sibling keyword: found by hypothesis
