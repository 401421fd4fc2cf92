; Loading the GDT, the TSS and the IDT.
bits 64
section .text

; void LoadGdt(void* gdtr, ushort codeSelector, ushort dataSelector)
; Loads the GDT, reloads CS with a far return and the data segment registers; FS/GS become null.
global LoadGdt
LoadGdt:
    lgdt [rdi]
    mov ax, dx
    mov ds, ax
    mov es, ax
    mov ss, ax
    xor eax, eax
    mov fs, ax
    mov gs, ax
    pop rax                 ; our return address
    push rsi                ; new CS
    push rax
    retfq

; void LoadTaskRegister(ushort selector)
global LoadTaskRegister
LoadTaskRegister:
    ltr di
    ret

; void LoadIdt(void* idtr)
global LoadIdt
LoadIdt:
    lidt [rdi]
    ret
