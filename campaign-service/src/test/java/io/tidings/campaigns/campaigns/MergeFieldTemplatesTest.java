package io.tidings.campaigns.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MergeFieldTemplatesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "Hello {contact.firstName}",
        "Dear {contact.firstName} {contact.lastName} <{contact.email}>",
        "News from {contact.fields.city}",
        "Hi {contact.firstName ?: 'reader'}",
        "{#if contact.firstName}Hi {contact.firstName}{#else}Hello{/if}",
        "p { color: red } and no merge field at all"
    })
    void acceptsContactMergeFields(String template) {
        assertThat(MergeFieldTemplates.problem("textBody", template)).isNull();
    }

    @Test
    void namesTheSyntaxError() {
        assertThat(MergeFieldTemplates.problem("subject", "Hello {contact.firstName"))
                .startsWith("has a template syntax error").contains("unterminated");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hi {user.name}", "{config:quarkus.datasource.password}", "{inject:bean.secret}"})
    void rejectsRootsOtherThanContact(String template) {
        assertThat(MergeFieldTemplates.problem("subject", template)).contains("only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{contact.password}", "{contact.fields}", "{contact.firstName.getClass()}",
        "{contact.firstName.toUpperCase()}"})
    void rejectsAnythingButTheKnownFields(String template) {
        assertThat(MergeFieldTemplates.problem("htmlBody", template)).isNotNull();
    }

    @Test
    void rejectsSectionsOtherThanIf() {
        assertThat(MergeFieldTemplates.problem("textBody", "{#for c in contact.fields}{c}{/for}"))
                .startsWith("has a template syntax error");
        assertThat(MergeFieldTemplates.problem("textBody", "{#include other /}")).isNotNull();
    }
}
