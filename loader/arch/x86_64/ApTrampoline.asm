; Application processor start-up. The loader copies ap_trampoline_start..ap_trampoline_end to
; TRAMPOLINE_BASE (below 1 MiB) and sends INIT-SIPI-SIPI; the AP starts here in real mode at
; TRAMPOLINE_BASE:0, climbs to long mode on the kernel's page tables (which still identity-map the
; low 4 GiB at this point), and jumps to ApPark at its HHDM address with the arguments the loader
; left in the data slots below. Contract: the loader fills the slots before each SIPI.
bits 16

TRAMPOLINE_BASE equ 0x8000
CR0_PE   equ 1 << 0
CR0_WP   equ 1 << 16
CR0_PG   equ 1 << 31
CR4_PAE  equ 1 << 5
MSR_EFER equ 0xC0000080
EFER_LME equ 1 << 8
EFER_NXE equ 1 << 11

%define ABS(label) (TRAMPOLINE_BASE + (label - ap_trampoline_start))

section .rodata
align 16
global ap_trampoline_start
global ap_trampoline_end
ap_trampoline_start:
    cli
    cld
    xor ax, ax
    mov ds, ax
    lgdt [ABS(tramp_gdt_pointer)]
    mov eax, cr0
    or eax, CR0_PE
    mov cr0, eax
    jmp dword 0x08:ABS(protected32)

bits 32
protected32:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov eax, cr4
    or eax, CR4_PAE
    mov cr4, eax
    mov eax, [ABS(slot_cr3)]
    mov cr3, eax
    mov ecx, MSR_EFER
    rdmsr
    or eax, EFER_LME
    test dword [ABS(slot_nx)], 1
    jz .no_nx
    or eax, EFER_NXE
.no_nx:
    wrmsr
    mov eax, cr0
    or eax, CR0_PG | CR0_WP
    mov cr0, eax
    jmp 0x18:ABS(long64)

bits 64
long64:
    mov rsp, [ABS(slot_stack)]
    mov rdi, [ABS(slot_info)]
    mov rsi, [ABS(slot_gdtr)]
    mov rdx, [ABS(slot_ready)]
    mov rax, [ABS(slot_park)]
    jmp rax

align 8
tramp_gdt:
    dq 0
    dq 0x00CF9A000000FFFF       ; 0x08: 32-bit code
    dq 0x00CF92000000FFFF       ; 0x10: 32-bit data
    dq 0x00AF9A000000FFFF       ; 0x18: 64-bit code
tramp_gdt_end:
tramp_gdt_pointer:
    dw tramp_gdt_end - tramp_gdt - 1
    dd ABS(tramp_gdt)

align 8
global ap_slots
ap_slots:
slot_cr3:   dq 0                ; +0  physical address of the PML4 (below 4 GiB)
slot_nx:    dq 0                ; +8  1 when EFER.NXE is to be set
slot_stack: dq 0                ; +16 the AP's stack top (HHDM address)
slot_info:  dq 0                ; +24 its LimineSmpInfo (HHDM address)
slot_gdtr:  dq 0                ; +32 Limine's GDTR image (HHDM address)
slot_ready: dq 0                ; +40 a dword the AP sets to 1 once parked (HHDM address)
slot_park:  dq 0                ; +48 ApPark's HHDM address
ap_trampoline_end:

section .text
; ulong ApTrampolineStart/End/Slots(void): where the blob and its slots are in the loader image.
global ApTrampolineStart
ApTrampolineStart:
    lea rax, [rel ap_trampoline_start]
    ret
global ApTrampolineEnd
ApTrampolineEnd:
    lea rax, [rel ap_trampoline_end]
    ret
global ApTrampolineSlots
ApTrampolineSlots:
    lea rax, [rel ap_slots]
    ret
global ApParkAddress
ApParkAddress:
    lea rax, [rel ApPark]
    ret

%include "arch/x86_64/LimineEntryState.inc"
GOTO_ADDRESS   equ 16               ; LimineSmpInfo.GotoAddress

; ApPark(info = rdi, gdtr = rsi, ready = rdx), running at its HHDM address on the AP's own stack:
; loads Limine's GDT, reports ready, and waits for the kernel to write goto_address; then enters
; it as Limine does: RDI = info, the machine state of the BSP's entry, a zero return address.
ApPark:
    mov r10, rdx                ; the ready flag (the macro needs rdx)
    ENTER_LIMINE_STATE [rsi]
    mov dword [r10], 1
.wait:
    mov rax, [rdi + GOTO_ADDRESS]
    test rax, rax
    jnz .go
    pause
    jmp .wait
.go:
    ENTER_KERNEL_AT_RAX
