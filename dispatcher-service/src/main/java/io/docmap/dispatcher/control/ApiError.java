package io.docmap.dispatcher.control;

/** An error as the API answers it: {@code {"detail": …}}, in the shape of the rest of docmap's HTTP surface. */
public record ApiError(String detail) {}
