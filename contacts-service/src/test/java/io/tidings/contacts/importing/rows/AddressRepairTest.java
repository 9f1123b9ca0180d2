package io.tidings.contacts.importing.rows;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidings.contacts.address.AddressCheck;
import io.tidings.contacts.address.AddressVerdict;
import org.junit.jupiter.api.Test;

class AddressRepairTest {

    @Test
    void removesInvisibleCharactersAndNoBreakSpaces() {
        AddressRepair.Result result = AddressRepair.repair("\u00A0anna@example.com\u200B");
        assertThat(result.address()).isEqualTo("anna@example.com");
        assertThat(result.repairs()).extracting(Repair::code).containsExactly(RepairKind.TRIMMED);
        assertThat(AddressCheck.check(result.address())).isInstanceOf(AddressVerdict.Valid.class);
    }

    @Test
    void splitsSqueezedRecordWhereverTheAddressIs() {
        AddressRepair.Result result = AddressRepair.repair("Anna;Schmidt;anna@example.com");
        assertThat(result.address()).isEqualTo("anna@example.com");
        assertThat(result.names()).containsExactly("Anna", "Schmidt");
    }

    @Test
    void flagsCellWithSeveralAddresses() {
        assertThat(AddressRepair.repair("a@example.com;b@example.com").severalAddresses()).isTrue();
    }

    @Test
    void leavesCleanAddressUntouched() {
        AddressRepair.Result result = AddressRepair.repair("anna@example.com");
        assertThat(result.address()).isEqualTo("anna@example.com");
        assertThat(result.repairs()).isEmpty();
    }
}
