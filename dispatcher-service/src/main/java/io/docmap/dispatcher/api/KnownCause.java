package io.docmap.dispatcher.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.List;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.docmap.common.FailureCause;

/** A failure cause's code, or nothing (null or empty): any cause. */
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = KnownCause.Validator.class)
public @interface KnownCause {

    String message() default "unknown cause";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<KnownCause, String> {

        private static final List<String> CODES = Arrays.stream(FailureCause.values())
                .map(FailureCause::code)
                .sorted()
                .toList();

        @Override
        public boolean isValid(String cause, ConstraintValidatorContext context) {
            if (cause == null || cause.isEmpty() || CODES.contains(cause)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                            "unknown cause '" + literal(cause) + "'; known causes: " + CODES)
                    .addConstraintViolation();
            return false;
        }

        /** The text as a message template that reads as itself: the caller's text is no template. */
        private static String literal(String text) {
            return text.replace("\\", "\\\\")
                    .replace("{", "\\{")
                    .replace("}", "\\}")
                    .replace("$", "\\$");
        }
    }
}
