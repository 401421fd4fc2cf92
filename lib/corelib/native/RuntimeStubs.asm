; Runtime symbols every Ocean image must define that ilc-generated code reaches directly and that
; cannot be written in C#. Assembled into each image by build/Ocean.Image.targets.
bits 64
default rel

section .data
align 8
; Stack-protector canary for methods using stackalloc. A fixed value: Ocean has no entropy this early.
global __security_cookie
__security_cookie: dq 0x2B992DDFA232

; Non-zero would ask threads to stop at GC polls; Ocean has no collector, so it stays zero.
global RhpTrapThreads
RhpTrapThreads: dd 0

section .text

; RhpGcPoll: called at GC safe points when RhpTrapThreads is set. Nothing to do without a GC.
global RhpGcPoll
RhpGcPoll:
    ret

; RhpByRefAssignRef: copies one reference field from [rsi] to [rdi] (struct copies with references).
; Contract (ilc's): rdi and rsi advance by 8, rcx is clobbered, nothing else changes. No GC: no barrier.
global RhpByRefAssignRef
RhpByRefAssignRef:
    mov rcx, [rsi]
    mov [rdi], rcx
    add rdi, 8
    add rsi, 8
    ret

; OceanCopyForward(destination [rdi], source [rsi], count [rdx]): copies count bytes upwards, eight at a
; time with rep movsq and the rest with rep movsb (the CPU's own block copy; one instruction a word under
; QEMU's -icount). The caller guarantees that an overlap, if any, has destination below source. The
; direction flag is clear on entry (SysV; every kernel entry clears it). Clobbers rcx, rdi, rsi.
global OceanCopyForward
OceanCopyForward:
    mov rcx, rdx
    shr rcx, 3
    rep movsq
    mov rcx, rdx
    and rcx, 7
    rep movsb
    ret

; OceanFill(destination [rdi], value [sil], count [rdx]): sets count bytes to value (rep stosq, then
; rep stosb). Direction flag clear on entry. Clobbers rax, rcx, rdi.
global OceanFill
OceanFill:
    movzx eax, sil
    mov rcx, 0x0101010101010101
    imul rax, rcx
    mov rcx, rdx
    shr rcx, 3
    rep stosq
    mov rcx, rdx
    and rcx, 7
    rep stosb
    ret

; RhpInitialDynamicInterfaceDispatch: entered with the dispatch cell in r11 and all argument
; registers live. Ocean images avoid interface dispatch that ilc cannot devirtualize; reaching
; this is a fatal error reported through the image's OceanFatalError(char*, int).
extern OceanFatalError
global RhpInitialDynamicInterfaceDispatch
RhpInitialDynamicInterfaceDispatch:
    lea rdi, [interface_dispatch_message]
    mov esi, interface_dispatch_message_length
    and rsp, -16
    call OceanFatalError
.hang:
    hlt
    jmp .hang

section .rodata
align 2
interface_dispatch_message: dw __utf16__('unsupported interface dispatch')
interface_dispatch_message_length equ ($ - interface_dispatch_message) / 2
