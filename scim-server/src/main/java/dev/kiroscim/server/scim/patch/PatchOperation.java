package dev.kiroscim.server.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a PatchOp's {@code Operations} (RFC 7644 §3.5.2).
 *
 * @param op    the operation
 * @param path  the {@code path} text, or null for a path-less operation
 * @param value the {@code value}, or null when absent
 */
public record PatchOperation(PatchOpType op, String path, JsonNode value) {}
