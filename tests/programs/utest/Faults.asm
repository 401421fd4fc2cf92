; Deliberate faults for the user-fault tests.
bits 64
section .text
; void InvalidOpcode(void): ud2 raises #UD.
global InvalidOpcode
InvalidOpcode:
    ud2
    ret
; void PrivilegedInstruction(void): hlt in ring 3 raises #GP.
global PrivilegedInstruction
PrivilegedInstruction:
    hlt
    ret
; long DivideByZero(long value): idiv by zero raises #DE.
global DivideByZero
DivideByZero:
    mov rax, rdi
    cqo
    xor ecx, ecx
    idiv rcx
    ret
