; The program's method names (lib/libc/Unwind/SymbolTable.cs), written by build/Ocean.Image.targets
; into symbols.bin (found on the include path) and linked last (lib/libc/user.ld's .ocean_symbols).
section .ocean_symbols progbits alloc noexec nowrite align=8
incbin "symbols.bin"
