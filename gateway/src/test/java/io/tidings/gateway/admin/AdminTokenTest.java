package io.tidings.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminTokenTest {

    @Test
    void acceptsOnlyTheConfiguredToken() {
        AdminToken token = new AdminToken(Optional.of("s3cret-admin"));
        assertThat(token.accepts("Bearer s3cret-admin")).isTrue();
        assertThat(token.accepts("bearer s3cret-admin")).isTrue();
        assertThat(token.accepts("Bearer s3cret-admin2")).isFalse();
        assertThat(token.accepts("Bearer s3cret-admi")).isFalse();
        assertThat(token.accepts("Basic s3cret-admin")).isFalse();
        assertThat(token.accepts("s3cret-admin")).isFalse();
        assertThat(token.accepts(null)).isFalse();
    }

    @Test
    void blankOrMissingConfiguredTokenDisablesAdminCalls() {
        for (AdminToken disabled : new AdminToken[] {new AdminToken(Optional.empty()),
                new AdminToken(Optional.of("   "))}) {
            assertThat(disabled.accepts("Bearer ")).isFalse();
            assertThat(disabled.accepts("Bearer    ")).isFalse();
            assertThat(disabled.accepts("Bearer anything")).isFalse();
        }
    }
}
