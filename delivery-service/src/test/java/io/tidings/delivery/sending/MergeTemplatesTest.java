package io.tidings.delivery.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeTemplatesTest {
    private final MergeTemplates templates = new MergeTemplates();
    private final Map<String, Object> anna = MergeTemplates.contact("anna@example.org", "Anna", "Schmidt",
            Map.of("city", "Berlin"));

    @Test
    void mergesNamesAddressAndCustomFields() {
        assertThat(templates.text("{contact.firstName} {contact.lastName} <{contact.email}> from {contact.fields.city}",
                anna)).isEqualTo("Anna Schmidt <anna@example.org> from Berlin");
    }

    @Test
    void missingValuesRenderEmpty() {
        Map<String, Object> nameless = MergeTemplates.contact("x@example.org", null, null, Map.of());
        assertThat(templates.text("Hi {contact.firstName}, in {contact.fields.city}{contact.nickname}.", nameless))
                .isEqualTo("Hi , in .");
    }

    @Test
    void valuesMergedIntoHtmlAreEscapedButNotInText() {
        Map<String, Object> sneaky = MergeTemplates.contact("x@example.org", "<b>Eve</b>", "&", Map.of());
        assertThat(templates.html("<p>{contact.firstName} {contact.lastName}</p>", sneaky))
                .isEqualTo("<p>&lt;b&gt;Eve&lt;/b&gt; &amp;</p>");
        assertThat(templates.text("{contact.firstName}", sneaky)).isEqualTo("<b>Eve</b>");
    }

    @Test
    void objectsAreNotReachableByReflection() {
        assertThat(templates.text("{contact.getClass.name}{contact.fields.getClass}", anna)).isEmpty();
    }

    @Test
    void templateThatDoesNotParseIsUnsendable() {
        assertThatThrownBy(() -> templates.text("{#if contact.firstName}unclosed", anna))
                .isInstanceOf(UnsendableMail.class).hasMessageContaining("does not render");
    }

    @Test
    void aTemplateParsedOnceRendersEachRecipientsOwnValues() {
        Map<String, Object> bo = MergeTemplates.contact("bo@example.org", "<Bo>", "Berg", Map.of());
        String template = "<p>Hello {contact.firstName}</p>";
        assertThat(templates.html(template, anna)).isEqualTo("<p>Hello Anna</p>");
        assertThat(templates.html(template, bo)).isEqualTo("<p>Hello &lt;Bo&gt;</p>");
        // the same source as plain text is a template of its own: nothing escaped
        assertThat(templates.text(template, bo)).isEqualTo("<p>Hello <Bo></p>");
        assertThat(templates.html(template, anna)).isEqualTo("<p>Hello Anna</p>");
    }

    @Test
    void absentBodyStaysAbsent() {
        assertThat(templates.html(null, anna)).isNull();
    }
}
