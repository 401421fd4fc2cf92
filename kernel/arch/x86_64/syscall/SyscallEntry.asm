; SYSCALL entry. The CPU arrives here from ring 3 with RCX = user RIP, R11 = user RFLAGS, interrupts
; masked (FMASK), still on the user stack and with the user's GS. Contract: the number is in RAX and
; the arguments in RDI, RSI, RDX, R10, R8; the result goes back in RAX; every other register survives.
; The entry builds the same InterruptFrame an interrupt would (vector SYSCALL_VECTOR), saves the SSE
; state, and calls SyscallDispatch(InterruptFrame*). It returns with SYSRET when the saved frame is an
; ordinary user return (canonical RIP), otherwise through IRETQ.
bits 64
%include "arch/x86_64/interrupt/InterruptFrame.inc"
extern SyscallDispatch

CPU_KERNEL_STACK equ 8          ; PerCpu.KernelStackTop
CPU_USER_RSP     equ 16         ; PerCpu.UserRspScratch
USER_CODE        equ 0x23
USER_DATA        equ 0x1B
SYSCALL_VECTOR   equ 0x100      ; not a hardware vector: marks a frame built by SYSCALL
USER_LIMIT       equ 0x0000800000000000

section .text
global SyscallEntry
SyscallEntry:
    swapgs
    mov [gs:CPU_USER_RSP], rsp
    mov rsp, [gs:CPU_KERNEL_STACK]
    push USER_DATA              ; ss
    push qword [gs:CPU_USER_RSP] ; rsp
    push r11                    ; rflags
    push USER_CODE              ; cs
    push rcx                    ; rip
    push 0                      ; error code
    push SYSCALL_VECTOR         ; vector
    PUSH_GENERAL_REGISTERS
    CALL_WITH_FRAME SyscallDispatch, direction_clear   ; FMASK cleared DF (SyscallSetup.MaskedFlags)
    ; SYSRET only for a canonical user RIP (SYSRET to a non-canonical one faults in ring 0).
    mov rax, [rsp + 17 * 8]     ; frame rip
    mov rcx, USER_LIMIT
    cmp rax, rcx
    jae .iret
    POP_GENERAL_REGISTERS
    add rsp, 16                 ; vector, error code
    pop rcx                     ; rip
    add rsp, 8                  ; cs
    pop r11                     ; rflags
    pop rsp                     ; user rsp: the last use of the kernel stack
    swapgs
    o64 sysret
.iret:
    extern RestoreFrameAndReturn
    jmp RestoreFrameAndReturn
