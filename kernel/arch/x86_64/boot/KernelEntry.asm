; Kernel entry point, as the Limine protocol enters it: 64-bit mode, IF=0, RSP on a bootloader stack
; (16-byte aligned before the pushed zero return address), SSE disabled.
bits 64

extern KernelMain
extern __modules_start
extern __modules_end

; CR0/CR4 bits that must be set before any compiled C# runs: ilc emits SSE for ordinary code.
CR0_MP         equ 1 << 1      ; monitor coprocessor
CR0_EM         equ 1 << 2      ; x87 emulation: must be clear
CR4_OSFXSR     equ 1 << 9      ; fxsave/fxrstor and SSE enabled
CR4_OSXMMEXCPT equ 1 << 10     ; unmasked SSE exceptions raise #XM

section .text
global _start
_start:
    mov rax, cr0
    and rax, ~CR0_EM
    or rax, CR0_MP
    mov cr0, rax
    mov rax, cr4
    or rax, CR4_OSFXSR | CR4_OSXMMEXCPT
    mov cr4, rax
    fninit

    xor ebp, ebp            ; terminates frame-pointer backtraces
    and rsp, -16            ; SysV: 16-byte aligned at the call
    lea rdi, [rel __modules_start]  ; KernelMain(modulesStart, modulesEnd): the compiled modules
    lea rsi, [rel __modules_end]
    call KernelMain         ; never returns
.halt:
    cli
    hlt
    jmp .halt

extern __kernel_start
extern __text_start
extern __text_end
extern __rodata_start
extern __rodata_end
extern __data_start
extern __kernel_end

; void KernelSectionBounds(ulong* bounds): text start/end, rodata start/end, data start, image end,
; as the linker script placed them (the kernel maps each with its own permissions).
global KernelSectionBounds
KernelSectionBounds:
    lea rax, [rel __text_start]
    mov [rdi], rax
    lea rax, [rel __text_end]
    mov [rdi + 8], rax
    lea rax, [rel __rodata_start]
    mov [rdi + 16], rax
    lea rax, [rel __rodata_end]
    mov [rdi + 24], rax
    lea rax, [rel __data_start]
    mov [rdi + 32], rax
    lea rax, [rel __kernel_end]
    mov [rdi + 40], rax
    ret
