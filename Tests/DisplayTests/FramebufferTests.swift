@testable import Display
import Testing

@Suite struct FramebufferTests {
    @Test func pixelsLiveWhereSSD1306GDDRAMKeepsThem() {
        var frame = Framebuffer(size: .size128x64)
        frame[3, 10] = true  // page 1, column 3, bit 2 (datasheet Figure 8-14)
        #expect(frame.bytes[128 + 3] == 0b0000_0100)
        #expect(frame.page(1)[128 + 3] == 0b0000_0100)
        frame[127, 63] = true
        #expect(frame.bytes.last == 0x80)
        frame[3, 10] = false
        #expect(frame.litPixelCount == 1)
    }

    @Test func drawingOutsideThePanelIsClippedNotFatal() {
        var frame = Framebuffer(size: .size128x32)
        frame[-1, 0] = true
        frame[128, 31] = true
        frame[0, 32] = true
        frame.drawLine(fromX: -50, y: -50, toX: 200, y: 200)
        frame.drawRect(x: 120, y: 28, width: 40, height: 40, filled: true)
        frame.drawText("très long texte qui déborde", x: 100, y: 30, font: .fixed6x10)
        #expect(!frame[-1, 0])
        #expect(frame[0, 0] && frame[31, 31])
    }

    @Test func linesIncludeBothEnds() {
        var frame = Framebuffer(size: .size128x32)
        frame.drawLine(fromX: 2, y: 3, toX: 12, y: 8)
        #expect(frame[2, 3] && frame[12, 8])
        #expect(frame.litPixelCount == 11)
    }

    @Test func asciiRoundTripsAndShowsText() throws {
        var frame = Framebuffer(size: .size128x32)
        frame.drawText("Été à 20 °C : 3 €", x: 0, y: 0, font: .fixed6x10)
        let text = frame.ascii
        #expect(text.split(separator: "\n").count == 32)
        #expect(text.split(separator: "\n").allSatisfy { $0.count == 128 })
        #expect(Framebuffer(ascii: text, size: .size128x32) == frame)
        #expect(Framebuffer(ascii: text, size: .size128x64) == nil)
    }

    @Test func shiftAndRotationMovePixels() {
        var frame = Framebuffer(size: .size128x64)
        frame[0, 0] = true
        #expect(frame.shifted(dx: 1, dy: 1)[1, 1])
        #expect(frame.rotated180()[127, 63])
        #expect(frame.shifted(dx: -1, dy: 0).litPixelCount == 0)
    }

    @Test func invertRectTogglesOnlyInside() {
        var frame = Framebuffer(size: .size128x32)
        frame.invertRect(x: 10, y: 10, width: 4, height: 3)
        #expect(frame.litPixelCount == 12)
        frame.invertRect(x: 10, y: 10, width: 4, height: 3)
        #expect(frame.litPixelCount == 0)
    }
}

@Suite struct FontTests {
    @Test(arguments: ["é", "è", "à", "ç", "ù", "ê", "ô", "°", "€", "É", "È", "À", "Ç", "…", "↑", "●", "○"])
    func textFontsHaveTheFrenchCharacters(_ character: String) throws {
        let scalar = try #require(character.unicodeScalars.first)
        #expect(BitmapFont.fixed6x10.contains(scalar))
        #expect(BitmapFont.fixed5x7.contains(scalar))
    }

    @Test func accentedLettersDifferFromTheirBase() throws {
        for font in [BitmapFont.fixed6x10, .fixed5x7] {
            for (accented, base) in [("é", "e"), ("à", "a"), ("ç", "c")] {
                let accentedScalar = try #require(accented.unicodeScalars.first)
                let baseScalar = try #require(base.unicodeScalars.first)
                let a = try #require(font.glyph(accentedScalar))
                let b = try #require(font.glyph(baseScalar))
                #expect(Array(a) != Array(b), "\(font.name) \(accented)")
            }
        }
    }

    @Test func missingCharactersDrawAsQuestionMarks() throws {
        var unknown = Framebuffer(size: .size128x32), question = Framebuffer(size: .size128x32)
        unknown.drawText("猫", x: 0, y: 0, font: .fixed6x10)
        question.drawText("?", x: 0, y: 0, font: .fixed6x10)
        #expect(unknown == question)
    }

    @Test func bigDigitsCoverNumbers() {
        for character in "0123456789 -.," {
            #expect(BitmapFont.digits10x20.contains(character.unicodeScalars.first ?? " "))
        }
        #expect(BitmapFont.digits10x20.height == 14)
    }
}
