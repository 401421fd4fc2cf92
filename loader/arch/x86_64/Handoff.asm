; The jump into the kernel, leaving the machine as the Limine protocol (base revision 2) specifies.
bits 64
%include "arch/x86_64/LimineEntryState.inc"

; Offsets in the C# HandoffState structure (loader/limine/HandoffState.cs).
STATE_PML4     equ 0
STATE_HHDM     equ 8
STATE_STACK    equ 16
STATE_ENTRY    equ 24
STATE_GDTR     equ 32          ; 2-byte limit, 8-byte base (HHDM address)


section .text
; void LoaderHandoff(HandoffState* state): never returns.
; Contract: state->Pml4 maps the lower half identically (so this code survives the CR3 load) and
; the HHDM at state->Hhdm. Runs on from the HHDM alias, loads Limine's GDT, unmaps the lower half
; (Limine gives base revisions >= 1 no identity map), and enters the kernel with IF=0, DF=0,
; RSP = state->Stack with a zero return address pushed, all other general registers zero.
global LoaderHandoff
LoaderHandoff:
    cli
    cld
    mov rax, [rdi + STATE_PML4]
    mov cr3, rax
    mov rbx, [rdi + STATE_HHDM]
    add rdi, rbx
    lea rax, [rel .high]
    add rax, rbx
    jmp rax
.high:
    ENTER_LIMINE_STATE [rdi + STATE_GDTR]

    ; Clear PML4 entries 0..255 (the lower half) through the HHDM, then flush the TLB.
    mov rsi, cr3
    lea rdx, [rsi + rbx]
    xor eax, eax
    mov ecx, 256
.clear:
    mov [rdx], rax
    add rdx, 8
    loop .clear
    mov cr3, rsi

    mov rsp, [rdi + STATE_STACK]
    mov rax, [rdi + STATE_ENTRY]
    xor edi, edi                ; the BSP gets no argument
    ENTER_KERNEL_AT_RAX
