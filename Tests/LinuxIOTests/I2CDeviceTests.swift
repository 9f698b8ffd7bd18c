#if canImport(Glibc)
import Glibc
#endif
import HAL
@testable import LinuxIO
import Testing

@Suite struct I2CDeviceTests {
    @Test func aMissingBusSaysHowToEnableI2C() {
        #expect {
            _ = try I2CDevice(path: "/dev/i2c-linkyd-absent")
        } throws: { error in
            guard let error = error as? HardwareError else { return false }
            return error.kind == .notFound && error.hint.contains("raspi-config") && error.hint.contains("dtparam=i2c_arm=on")
        }
    }

    @Test func aBusNumberMeansDevI2CN() {
        #expect {
            _ = try I2CDevice(path: "97")
        } throws: { error in
            (error as? HardwareError)?.device == "/dev/i2c-97"
        }
    }

    @Test func aFileThatIsNotAnAdapterIsRefused() {
        #expect {
            _ = try I2CDevice(path: "/dev/null")
        } throws: { error in
            (error as? HardwareError)?.kind == .unsupported
        }
    }

    @Test func errnoBecomesAnActionableHint() {
        let permission = I2CDevice.openError(EACCES, device: "/dev/i2c-1")
        #expect(permission.kind == .permissionDenied && permission.hint.contains("group 'i2c'"))
        for code in [ENXIO, EREMOTEIO] {
            let silent = I2CDevice.writeError(code, device: "/dev/i2c-1", address: .ssd1306)
            #expect(silent.kind == .notFound)
            #expect(silent.hint.contains("no device answers at 0x3C") && silent.hint.contains("i2cdetect -y 1"))
        }
        #expect(I2CDevice.addressError(EBUSY, device: "/dev/i2c-1", address: .ssd1306).kind == .busy)
    }
}
