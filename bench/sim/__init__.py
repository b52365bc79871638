"""Learner simulator: compare next-topic policies on simulated learners whose hidden
memory follows an ACT-R style model (not FSRS). Run with `python -m bench.sim`."""
