; Interrupt and exception entry. Every vector has a stub that pushes an error code (a zero where the
; CPU pushes none) and its vector number, then jumps to interrupt_common, which saves every general
; register and the SSE state (compiled C# uses SSE), calls InterruptDispatch(InterruptFrame*), and
; restores it all. The frame layout is InterruptFrame in InterruptFrame.cs.
bits 64
%include "arch/x86_64/interrupt/InterruptFrame.inc"
extern InterruptDispatch

section .text
; Interrupts from user mode swap GS to the kernel's per-CPU area on entry and back on exit.
FRAME_CS_OFFSET equ 24          ; vector, error code, rip, then cs
interrupt_common:
    test qword [rsp + FRAME_CS_OFFSET], 3
    jz .from_kernel
    swapgs
.from_kernel:
    PUSH_GENERAL_REGISTERS
    CALL_WITH_FRAME InterruptDispatch
global RestoreFrameAndReturn
; RestoreFrameAndReturn: rsp points at a saved InterruptFrame (general registers first): restores it
; and returns to where it says, swapping GS back when that is user mode.
RestoreFrameAndReturn:
    POP_GENERAL_REGISTERS
    add rsp, 16                 ; vector and error code
    test qword [rsp + 8], 3     ; cs
    jz .to_kernel
    swapgs
.to_kernel:
    iretq

; Vectors where the CPU pushes an error code: #DF 8, #TS 10, #NP 11, #SS 12, #GP 13, #PF 14,
; #AC 17, #CP 21, #VC 29, #SX 30.
%macro STUB 1
stub_%1:
%if %1 == 8 || (%1 >= 10 && %1 <= 14) || %1 == 17 || %1 == 21 || %1 == 29 || %1 == 30
%else
    push 0
%endif
    push %1
    jmp interrupt_common
%endmacro

%assign v 0
%rep 256
    STUB v
%assign v v + 1
%endrep

section .rodata
; InterruptStubTable: the address of each vector's stub, for building the IDT.
global InterruptStubTable
align 8
InterruptStubTable:
%assign v 0
%rep 256
    dq stub_ %+ v
%assign v v + 1
%endrep

section .text
; ulong InterruptStubAddress(int vector)
global InterruptStubAddress
InterruptStubAddress:
    lea rax, [rel InterruptStubTable]
    movsxd rdi, edi
    mov rax, [rax + rdi * 8]
    ret
