# ssd1306.awk: reads what an SSD1306 OLED at 0x3c received, as logged by hil/i2c-rec.c
# ("3c: 00 ae d5 80": control byte 00 = commands, 40 = display data), replays it into a model of
# the panel's memory (page addressing mode, datasheet §10.1.3) and prints PASS:/FAIL: lines.
#   awk -v stage=start -f ssd1306.awk LOG   init sequence first, display on, then a frame; draws it
#   awk -v stage=stop  -f ssd1306.awk LOG   the last message switched the panel off (AEh)
# busybox awk: no hex literals, so bytes stay two-character strings where possible.
function hex(s) { return (index("0123456789abcdef", substr(s, 1, 1)) - 1) * 16 + index("0123456789abcdef", substr(s, 2, 1)) - 1 }
BEGIN { messages = 0; on = 0; page = 0; col = 0; data_after_on = 0; transfers_after_on = 0 }
$1 != "3c:" { next }
{ messages++; last = $0 }
messages == 1 { init = $0 }
$2 == "00" {
  for (i = 3; i <= NF; i++) {
    c = $i
    if (c == "af" && !on) { on = 1; on_at = messages }
    else if (c ~ /^b[0-7]$/) page = substr(c, 2, 1) + 0
    else if (c ~ /^0[0-9a-f]$/) col = col - col % 16 + hex(c)
    else if (c ~ /^1[0-9a-f]$/) col = (hex(c) - 16) * 16 + col % 16
    else if (c ~ /^(81|8d|a8|d3|d5|d9|da|db|20)$/) i++      # one argument byte
    else if (c ~ /^(21|22)$/) i += 2                        # two
  }
}
$2 == "40" {
  for (i = 3; i <= NF; i++) { ram[page, col] = hex($i); col = (col + 1) % 128 }
  if (on) { data_after_on += NF - 2; transfers_after_on++ }
}
END {
  if (stage == "stop") {
    if (last ~ /^3c: 00 ae/) print "PASS: (5) on SIGTERM linkyd switched the OLED off: last message '" last "'"
    else print "FAIL: (5) after SIGTERM the last OLED message is '" last "', not display off (00 AE)"
    exit
  }
  if (init ~ /^3c: 00 ae / && init ~ / 8d 14/ && init ~ / a8 3f/ && init ~ / 20 02/)
    print "PASS: (5) the OLED at 0x3c received the SSD1306 init sequence first (AE off, A8 3F 64 rows, 8D 14 charge pump, 20 02 page addressing): '" init "'"
  else print "FAIL: (5) the first OLED message is not an SSD1306 init sequence for 128x64: '" init "'"
  lit = 0
  for (p = 0; p < 8; p++) for (x = 0; x < 128; x++) { b = ram[p, x] + 0; for (k = 0; k < 8; k++) { px[p * 8 + k, x] = b % 2; lit += b % 2; b = int(b / 2) } }
  if (on && data_after_on > 0 && lit >= 100)
    print "PASS: (5) then display on (AF, message " on_at "), then a frame: " data_after_on " data bytes in " transfers_after_on " transfers, " lit " of 8192 pixels lit"
  else print "FAIL: (5) no frame on the OLED: display on " (on ? "at message " on_at : "never") ", " data_after_on " data bytes after it, " lit " pixels lit"
  for (y = 0; y < 64; y += 2) {          # two pixel rows per text line
    line = ""
    for (x = 0; x < 128; x++) line = line (px[y, x] ? (px[y + 1, x] ? "█" : "▀") : (px[y + 1, x] ? "▄" : " "))
    print "INFO: oled|" line "|"
  }
}
