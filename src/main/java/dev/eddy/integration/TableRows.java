package dev.eddy.integration;

import java.util.List;

/** The first rows of a PostgreSQL table as text, for a preview; {@code null} cells are SQL NULL. */
public record TableRows(String table, List<String> columns, List<List<String>> rows) {}
