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
