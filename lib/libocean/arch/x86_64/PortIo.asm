; Port I/O for userspace drivers. IN and OUT from ring 3 succeed only for ports the process holds an
; I/O port capability for (the kernel loads its I/O permission bitmap); any other port raises #GP and
; the kernel kills the process. SysV ABI: port in edi, value in esi; the read value comes back in eax.
bits 64
section .text

; byte OceanIn8(ushort port)
global OceanIn8
OceanIn8:
    mov edx, edi
    xor eax, eax
    in al, dx
    ret

; void OceanOut8(ushort port, byte value)
global OceanOut8
OceanOut8:
    mov edx, edi
    mov eax, esi
    out dx, al
    ret

; ushort OceanIn16(ushort port)
global OceanIn16
OceanIn16:
    mov edx, edi
    xor eax, eax
    in ax, dx
    ret

; void OceanOut16(ushort port, ushort value)
global OceanOut16
OceanOut16:
    mov edx, edi
    mov eax, esi
    out dx, ax
    ret

; uint OceanIn32(ushort port)
global OceanIn32
OceanIn32:
    mov edx, edi
    in eax, dx
    ret

; void OceanOut32(ushort port, uint value)
global OceanOut32
OceanOut32:
    mov edx, edi
    mov eax, esi
    out dx, eax
    ret
