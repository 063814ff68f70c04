"""Settings for mutation runs (scripts/mutation.sh loads this with `-p tests.mutation_plugin`).

Each mutant runs the module's tests once more, so the run must be cheap and
repeatable: property tests try 10 derandomized examples (the same ones for every mutant) and
keep no example database between runs.
"""

from hypothesis import settings

settings.register_profile(
    "mutation", max_examples=10, derandomize=True, database=None, deadline=None
)
settings.load_profile("mutation")
