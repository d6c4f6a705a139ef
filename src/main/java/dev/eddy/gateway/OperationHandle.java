package dev.eddy.gateway;

/** A statement the gateway runs in a session. */
public record OperationHandle(String sessionHandle, String operationHandle) {}
