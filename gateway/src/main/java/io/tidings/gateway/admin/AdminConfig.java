package io.tidings.gateway.admin;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The operator's admin token ({@code TIDINGS_ADMIN_TOKEN}); absent or blank disables the admin calls. */
@ConfigMapping(prefix = "tidings.admin")
public interface AdminConfig {
    Optional<String> token();
}
