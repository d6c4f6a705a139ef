package dev.eddy.sql;

/**
 * A syntax error found in a script: what is wrong, in words, and where (character offsets into the
 * script, {@code to} exclusive, plus the 1-based line and column a person reads).
 */
public record SyntaxProblem(String message, int from, int to, int line, int column) {}
