package io.tidings.gateway.projects;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/admin/projects}. */
public record NewProject(
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name) {
}
