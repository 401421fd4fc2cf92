; int OceanAtomicExchange(int* location, int value): stores value at location and returns what was
; there, as one atomic step. XCHG with a memory operand locks the bus by itself, and it is a full
; barrier: no load or store moves across it (neither in the CPU nor, being a call, in the compiler).
bits 64
section .text
global OceanAtomicExchange
OceanAtomicExchange:
    mov eax, esi
    xchg [rdi], eax
    ret
