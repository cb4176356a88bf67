// The tablet kiosk: a separate entry that loads only kiosk code.
document.getElementById('root')!.textContent = 'Kiosk';
