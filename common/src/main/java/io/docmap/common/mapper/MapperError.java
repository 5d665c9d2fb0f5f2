package io.docmap.common.mapper;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** FastAPI-style error body: {@code {"detail": …}}. */
@RegisterForReflection
public record MapperError(Object detail) {}
