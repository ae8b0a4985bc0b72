"""The cycle collector is paused for a run and given back as it was found."""

from __future__ import annotations

import gc
import io

import pytest
from conftest import REPO
from explainer import cli
from explainer.gc_pause import collector_paused


@pytest.mark.parametrize("enabled_before", [True, False])
def test_the_collector_is_paused_inside_and_restored_after(enabled_before):
    (gc.enable if enabled_before else gc.disable)()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() == enabled_before
        with pytest.raises(RuntimeError), collector_paused():
            raise RuntimeError("a failing run")
        assert gc.isenabled() == enabled_before
    finally:
        gc.enable()


def test_a_generator_run_pauses_the_collector_and_gives_it_back(monkeypatch):
    seen = []
    real_build = cli.build_site

    def spying_build(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_build(*args, **kwargs)

    monkeypatch.setattr(cli, "build_site", spying_build)
    gc.enable()
    assert cli.generate(REPO, check=True, out=io.StringIO(), err=io.StringIO()) == 0
    assert seen == [False] and gc.isenabled()
