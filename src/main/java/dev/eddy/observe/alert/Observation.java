package dev.eddy.observe.alert;

/**
 * What a rule sees of one subject at one evaluation: whether its condition {@code holds}, the figure
 * compared (null when there is none), and in words what it is; {@code link} is the page to look at.
 */
record Observation(String subject, String label, boolean holds, Double value, String summary, String link) {}
