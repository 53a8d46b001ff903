"""Learning-gain statistics: a pure core (no Django). Normalised gain (Hake), Wilcoxon
signed-rank test and effect size over pre/post scores; `bangkom evaluation-report` and the
evaluation pages both use it."""
