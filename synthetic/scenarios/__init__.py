"""A library of planted scenarios: linked series and decoys, each a declarative YAML file.

Each file describes what happens (who the offender is, who dies, where, how, what the
offender does at each death, earlier incidents) and what the agencies record or fail to
record. :func:`plant_scenarios` simulates them into a world and returns the ground truth.
"""

from synthetic.scenarios.engine import plant_scenarios
from synthetic.scenarios.spec import Scenario, ScenarioError, load_scenario, load_scenarios

__all__ = ["Scenario", "ScenarioError", "load_scenario", "load_scenarios", "plant_scenarios"]
