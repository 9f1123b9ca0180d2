package io.tidings.contacts.importing.rows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenAddressesTest {

    @Test
    void remembersEveryAddressAcrossTableGrowth() {
        SeenAddresses seen = new SeenAddresses();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add("user" + i + "@example.com")).isTrue();
        }
        for (int i = 0; i < 100_000; i += 997) {
            assertThat(seen.add("user" + i + "@example.com")).isFalse();
        }
        assertThat(seen.add("user100000@example.com")).isTrue();
    }
}
