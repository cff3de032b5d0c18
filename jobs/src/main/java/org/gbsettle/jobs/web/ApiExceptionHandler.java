package org.gbsettle.jobs.web;

import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Errors of the HTTP API as RFC 9457 problem details ({@code application/problem+json}): Spring MVC's own (unsupported
 * media type, method not allowed, ...) as Spring words them, the API's ({@link InvalidRequestException},
 * {@link RunNotFoundException}, {@link RunConflictException}) as they are, and a request body that is not the JSON
 * expected as a 400 naming the field ({@code body} when it is not JSON at all) in {@code invalid-params}.
 */
@RestControllerAdvice
@ConditionalOnWebApplication
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(
                ex, InvalidRequestException.problem(List.of(invalidBody(ex))), headers, status, request);
    }

    /** What is wrong with a request body that could not be read as the JSON expected. */
    static InvalidParam invalidBody(HttpMessageNotReadableException ex) {
        JacksonException json = null;
        for (Throwable c = ex.getCause(); c != null && json == null; c = c.getCause()) {
            if (c instanceof JacksonException j) {
                json = j;
            }
        }
        if (json == null) {
            return new InvalidParam("body", null, "required: a JSON object");
        }
        String field = json.getPath().stream()
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (json instanceof StreamReadException) {
            return new InvalidParam("body", null, "not valid JSON: " + json.getOriginalMessage());
        }
        if (field.isEmpty()) {
            return new InvalidParam("body", null, "not a JSON object");
        }
        if (json instanceof UnrecognizedPropertyException) {
            return new InvalidParam(field, null, "not a field of this request");
        }
        if (json instanceof MismatchedInputException m && m.getTargetType() != null) {
            String value = m instanceof InvalidFormatException f ? String.valueOf(f.getValue()) : null;
            return new InvalidParam(field, value, "not a JSON " + jsonType(m.getTargetType()));
        }
        return new InvalidParam(field, null, String.valueOf(json.getOriginalMessage()));
    }

    private static String jsonType(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "boolean (true or false)";
        }
        if (type == String.class) {
            return "string";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        return "object";
    }
}
