;; malformed.wast: binary modules that must be rejected while decoding
;; (assert_malformed on `(module binary ...)`): truncated or wrong magic and version,
;; unknown section ids, section sizes that disagree with their contents, over-long and
;; over-large LEB128 integers, duplicate and out-of-order sections, function/code count
;; mismatches, missing `end`, illegal opcodes, too many locals, non-zero reserved bytes,
;; data count mismatches, bad segment flags, invalid UTF-8 names, bad import kinds and
;; limit flags; plus binary modules that look odd but are well-formed.
;; (The text after each module is the spec's message; runners only check rejection.)

;; empty input
(assert_malformed (module binary) "unexpected end")
;; truncated magic
(assert_malformed (module binary "\00\61\73") "unexpected end")
;; bad magic
(assert_malformed (module binary "\00\61\73\6e\01\00\00\00") "magic header not detected")
;; magic in the wrong byte order
(assert_malformed (module binary "\6d\73\61\00\01\00\00\00") "magic header not detected")
;; truncated version
(assert_malformed (module binary "\00\61\73\6d\01\00") "unexpected end")
;; unknown version
(assert_malformed (module binary "\00\61\73\6d\02\00\00\00") "unknown binary version")
;; big-endian version
(assert_malformed (module binary "\00\61\73\6d\00\00\00\01") "unknown binary version")
;; unknown section id
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\7f\00") "malformed section id")
;; section size past the end of the input
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\05\01\60\00\00") "unexpected end")
;; section size larger than its contents
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\05\01\60\00\00\03\01\00") "section size mismatch")
;; section size smaller than its contents
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\03\01\60\00\00") "unexpected end")
;; section count: LEB128 longer than 5 bytes
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\09\80\80\80\80\80\00\60\00\00") "integer representation too long")
;; section count: unused bits set in the 5th LEB128 byte
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\08\81\80\80\80\10\60\00\00") "integer too large")
;; function type form is not 0x60
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\61\00\00") "malformed")
;; unknown value type
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\05\01\60\01\7a\00") "malformed")
;; two type sections
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\01\04\01\60\00\00") "unexpected content after last section")
;; function section before the type section
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\03\02\01\00\01\04\01\60\00\00\0a\04\01\02\00\0b") "unexpected content after last section")
;; function and code sections disagree on the count
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\0a\01\00") "function and code section have inconsistent lengths")
;; code section without a function section
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\0a\04\01\02\00\0b") "function and code section have inconsistent lengths")
;; function body without its end opcode
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\0a\04\01\02\00\01") "END opcode expected")
;; function body size past its section
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\0a\04\01\05\00\0b") "unexpected end")
;; illegal opcode 0x27
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\0a\05\01\03\00\27\0b") "illegal opcode")
;; illegal 0xfc-prefixed opcode 0xfc 0x7f
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\0a\06\01\04\00\fc\7f\0b") "illegal opcode")
;; i32.const: LEB128 longer than 5 bytes
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\0a\0c\01\0a\00\41\80\80\80\80\80\00\1a\0b") "integer representation too long")
;; i32.const: 5th LEB128 byte not a sign extension
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\0a\0b\01\09\00\41\80\80\80\80\70\1a\0b") "integer too large")
;; i64.const: LEB128 longer than 10 bytes
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\0a\11\01\0f\00\42\80\80\80\80\80\80\80\80" "\80\80\00\1a\0b") "integer representation too long")
;; too many locals
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\0a\10\01\0e\02\ff\ff\ff\ff\0f\7f\ff\ff\ff" "\ff\0f\7e\0b") "too many locals")
;; memory.size reserved byte is not zero
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\05\03\01\00\01\0a\07\01\05\00\3f\01\1a\0b") "zero byte expected")
;; memory.grow reserved byte is not zero
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\05\03\01\00\01\0a\09\01\07\00\41\00\40\01" "\1a\0b") "zero byte expected")
;; data count disagrees with the data section
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\05\03\01\00\01\0c\01\02\0b\03\01\01\00") "data count and data section have inconsistent lengths")
;; data segment with unknown flags 3
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\05\03\01\00\01\0b\03\01\03\00") "malformed")
;; export name is not valid UTF-8
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\03\02\01\00\07\06\01\02\c0\80\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; import kind 0x05 does not exist
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\01\04\01\60\00\00\02\07\01\01\6d\01\66\05\00") "malformed import kind")
;; memory limits flag 0x08
(assert_malformed (module binary "\00asm" "\01\00\00\00" "\05\03\01\08\00") "integer too large")
;; a custom section with arbitrary contents is ignored, even between other sections
(module binary "\00asm" "\01\00\00\00" "\00\07\03\78\79\7a\ff\00\fe\01\04\01\60\00\00\00\02\01\61\03\02\01\00\0a" "\04\01\02\00\0b\00\01\00")
;; a minimal module
(module binary "\00asm" "\01\00\00\00")
;; LEB128 with redundant (but at most 5) bytes
(module binary "\00asm" "\01\00\00\00" "\01\08\81\80\80\80\00\60\00\00")
