; The collector's view of the program image (lib/libc/Gc): what only the linker knows.
bits 64
default rel
section .text

extern __writable_start
extern __writable_end

; byte* OceanWritableData(byte** end): the program's data and bss (user.ld's bounds), where its
; statics live: read for roots at every collection. Its end in *end.
global OceanWritableData
OceanWritableData:
    lea rax, [rel __writable_end]
    mov [rdi], rax
    lea rax, [rel __writable_start]
    ret
