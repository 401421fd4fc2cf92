; Where a program's stack trace starts (lib/libc/Unwind/StackTrace.cs): registers only the CPU can
; give, and the bounds of the unwind tables the linker script keeps.
bits 64
extern __eh_frame_start
extern __eh_frame_end
extern __ocean_symbols_start
extern __ocean_symbols_end

section .text

; void OceanCaptureRegisters(FrameRegisters* registers): the caller's frame as it will be once this
; returns: the return address (an instruction of the caller), the stack pointer after the return,
; and the callee-saved registers, which this routine leaves as they were. Field order: Rip, Rsp,
; Rbx, Rbp, R12, R13, R14, R15.
global OceanCaptureRegisters
OceanCaptureRegisters:
    mov rax, [rsp]
    mov [rdi], rax
    lea rax, [rsp + 8]
    mov [rdi + 8], rax
    mov [rdi + 16], rbx
    mov [rdi + 24], rbp
    mov [rdi + 32], r12
    mov [rdi + 40], r13
    mov [rdi + 48], r14
    mov [rdi + 56], r15
    ret

; byte* OceanSymbolTable(byte** end): the program's method names (.ocean_symbols: lib/libc/Unwind/SymbolTable.cs).
global OceanSymbolTable
OceanSymbolTable:
    lea rax, [rel __ocean_symbols_end]
    mov [rdi], rax
    lea rax, [rel __ocean_symbols_start]
    ret

; byte* OceanUnwindTable(byte** end): the program's .eh_frame (user.ld's bounds); its end in *end.
global OceanUnwindTable
OceanUnwindTable:
    lea rax, [rel __eh_frame_end]
    mov [rdi], rax
    lea rax, [rel __eh_frame_start]
    ret
