package dev.eddy.job;

/** What the user fills in to deploy a job: a name, a description, the statement and its settings. */
public record JobDraft(String name, String description, String statement, JobSettings settings) {}
