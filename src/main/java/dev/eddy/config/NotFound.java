package dev.eddy.config;

/** Marks a failure that means "no such thing" (a job, a table, an integration): the REST API answers 404. */
public interface NotFound {}
