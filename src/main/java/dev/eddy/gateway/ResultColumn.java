package dev.eddy.gateway;

/** A result column: its name and its Flink SQL type as a user would write it. */
public record ResultColumn(String name, String type, boolean nullable) {}
