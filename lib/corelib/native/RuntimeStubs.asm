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

; The interface dispatch cache (DispatchCacheLayout.cs): DISPATCH_CACHE_ENTRIES pointers to entries
; that InterfaceDispatch publishes, each an array of three words (cell, type, target) that never
; changes once published; 0 where nothing is cached. Its index mixes the cell's and the type's addresses.
DISPATCH_CACHE_ENTRIES equ 256
DISPATCH_ENTRY_DATA equ 16                      ; the elements after the MethodTable pointer and the length
DISPATCH_CELL_SHIFT equ 4
DISPATCH_INDEX_SHIFT equ 3

section .bss
align 8
global OceanDispatchCache
OceanDispatchCache: resq DISPATCH_CACHE_ENTRIES

section .text

; OceanDispatchCacheTable(): the cache's address, for InterfaceDispatch to fill. Clobbers rax.
global OceanDispatchCacheTable
OceanDispatchCacheTable:
    lea rax, [OceanDispatchCache]
    ret

; RhpInitialDynamicInterfaceDispatch: every interface call ilc cannot make direct comes here through
; its dispatch cell (`lea r11, [cell]; call [r11]`), with the object in rdi and the call's arguments in
; rdi, rsi, rdx, rcx, r8, r9 and xmm0-7. An entry of the cache for this cell and the object's type
; gives the target at once; otherwise the stub saves every argument register, asks
; OceanResolveInterfaceDispatch(object's MethodTable, cell) (which also fills the cache), puts the
; registers back and jumps there, so the method returns straight to the call site. A null object
; faults on the MethodTable read, as a call through the vtable would. Clobbers rax, r10, r11 (scratch
; at a call).
extern OceanResolveInterfaceDispatch
global RhpInitialDynamicInterfaceDispatch
RhpInitialDynamicInterfaceDispatch:
    mov rax, [rdi]                      ; the object's MethodTable
    mov r10, r11
    shr r10, DISPATCH_CELL_SHIFT
    xor r10, rax
    shr r10, DISPATCH_INDEX_SHIFT
    and r10d, DISPATCH_CACHE_ENTRIES - 1
    mov r10, [abs OceanDispatchCache + r10 * 8]   ; absolute: every image lies in the low or top 2 GiB
    test r10, r10
    jz .resolve
    cmp [r10 + DISPATCH_ENTRY_DATA], r11
    jne .resolve
    cmp [r10 + DISPATCH_ENTRY_DATA + 8], rax
    jne .resolve
    jmp [r10 + DISPATCH_ENTRY_DATA + 16]
.resolve:
    push rbp
    mov rbp, rsp
    push rdi
    push rsi
    push rdx
    push rcx
    push r8
    push r9
    sub rsp, 128                        ; rsp stays 16-byte aligned: 8 (return) + 8 + 48 + 128
    movdqa [rsp], xmm0
    movdqa [rsp + 16], xmm1
    movdqa [rsp + 32], xmm2
    movdqa [rsp + 48], xmm3
    movdqa [rsp + 64], xmm4
    movdqa [rsp + 80], xmm5
    movdqa [rsp + 96], xmm6
    movdqa [rsp + 112], xmm7
    mov rdi, rax                        ; the object's MethodTable
    mov rsi, r11                        ; the dispatch cell
    call OceanResolveInterfaceDispatch
    movdqa xmm0, [rsp]
    movdqa xmm1, [rsp + 16]
    movdqa xmm2, [rsp + 32]
    movdqa xmm3, [rsp + 48]
    movdqa xmm4, [rsp + 64]
    movdqa xmm5, [rsp + 80]
    movdqa xmm6, [rsp + 96]
    movdqa xmm7, [rsp + 112]
    add rsp, 128
    pop r9
    pop r8
    pop rcx
    pop rdx
    pop rsi
    pop rdi
    pop rbp
    jmp rax
