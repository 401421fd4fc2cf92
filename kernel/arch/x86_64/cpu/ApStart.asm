; Where the application processors go when the kernel writes their Limine goto_address.
bits 64
default rel
section .text

; ApEntry: where an application processor enters the kernel (its goto_address), Limine style:
; RDI = its LimineSmpInfo, RSP on the bootloader's stack for it, SSE off. ApMain moves it onto the
; kernel's page tables and the kernel stack the BSP prepared (LimineSmpInfo.ExtraArgument).
extern ApMain
global ApEntry
ApEntry:
    mov rax, cr0
    and rax, ~(1 << 2)          ; CR0.EM off
    or rax, 1 << 1              ; CR0.MP on
    mov cr0, rax
    mov rax, cr4
    or rax, (1 << 9) | (1 << 10) ; OSFXSR, OSXMMEXCPT
    mov cr4, rax
    fninit
    and rsp, -16
    xor ebp, ebp
    call ApMain
.halt:
    cli
    hlt
    jmp .halt

global ApEntryAddress
ApEntryAddress:
    lea rax, [rel ApEntry]
    ret

; ApHalt: where an application processor beyond the kernel's CPU limit goes (its goto_address). It
; must leave the bootloader's parking loop, stack and page tables, which the kernel reclaims next: it
; switches to the kernel's page tables, counts itself in ApHaltedCount and halts with interrupts off
; for good, touching nothing of the bootloader's again (only an NMI would wake it).
global ApHalt
ApHalt:
    cli
    mov rax, [rel ap_halt_page_tables]
    mov cr3, rax
    lock inc qword [rel ap_halted]
.halt:
    hlt
    jmp .halt

; ulong ApHaltAddress(ulong pml4): ApHalt's address, to be written as a goto_address; pml4 (CR3) is
; the kernel's page tables it switches to.
global ApHaltAddress
ApHaltAddress:
    mov [rel ap_halt_page_tables], rdi
    lea rax, [rel ApHalt]
    ret

; long ApHaltedCount(void): how many processors have reached ApHalt's halt loop.
global ApHaltedCount
ApHaltedCount:
    mov rax, [rel ap_halted]
    ret

section .data
ap_halt_page_tables: dq 0
ap_halted: dq 0
