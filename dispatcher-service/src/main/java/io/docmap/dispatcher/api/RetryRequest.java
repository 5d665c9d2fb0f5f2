package io.docmap.dispatcher.api;

import java.util.List;

/**
 * Which failures to retry: exactly one of {@code all: true}, a {@code cause}, or a list of {@code docIds}.
 */
public record RetryRequest(Boolean all, String cause, List<String> docIds) {}
