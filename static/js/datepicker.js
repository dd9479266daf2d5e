// The Jalali date picker of the date boxes in fa and ckb (@majidh1/jalalidatepicker, boxes
// marked data-jdp by intlaffairs.jalali.JalaliDateInput), started here rather than by an inline
// script (the CSP allows none), with what the package lacks:
// - the keyboard: the up and down arrows change the day, Page Up and Page Down the month,
//   Enter closes the calendar without sending the form, Escape closes it and keeps the focus;
// - the language's digits: the picker reads and writes Latin digits, so the box holds Latin
//   digits while it has the focus and the language's own digits (as the server wrote them)
//   once it loses it. The server reads both. The calendar's own grid (days, years) the package
//   draws in Latin or Persian digits only; it is drawn in Latin and put into the language's
//   digits (Arabic-Indic in Kurdish) each time the package draws it.
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="jalali-datepicker"]');
  if (!meta || !window.jalaliDatepicker) {
    return;
  }
  var options = JSON.parse(meta.content);
  var LOCAL_DIGITS = options.digits;
  var FORMAT = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", {
    timeZone: "UTC",
    year: "numeric",
    month: "numeric",
    day: "numeric",
  });

  function isDateBox(element) {
    return element instanceof HTMLInputElement && element.hasAttribute("data-jdp");
  }

  function toLatin(text) {
    return text.replace(/[\u06f0-\u06f9\u0660-\u0669]/g, function (digit) {
      return String(digit.charCodeAt(0) & 0xf);
    });
  }

  function toLocal(text) {
    return text.replace(/[0-9]/g, function (digit) {
      return LOCAL_DIGITS[Number(digit)];
    });
  }

  function jalaliOf(utcDate) {
    var day = {};
    FORMAT.formatToParts(utcDate).forEach(function (part) {
      if (part.type === "year" || part.type === "month" || part.type === "day") {
        day[part.type] = Number(part.value);
      }
    });
    return { year: day.year, month: day.month, day: day.day };
  }

  // Esfand has 30 days in a leap year: the day before the next Nowruz (20 or 21 March) says.
  function isLeap(year) {
    var march20 = jalaliOf(new Date(Date.UTC(year + 622, 2, 20)));
    var lastDay = march20.month === 1 ? jalaliOf(new Date(Date.UTC(year + 622, 2, 19))) : march20;
    return lastDay.day === 30;
  }

  function monthLength(year, month) {
    if (month <= 6) {
      return 31;
    }
    if (month <= 11) {
      return 30;
    }
    return isLeap(year) ? 30 : 29;
  }

  function addDays(date, days) {
    var year = date.year;
    var month = date.month;
    var day = date.day + days;
    if (day < 1) {
      month -= 1;
      if (month < 1) {
        month = 12;
        year -= 1;
      }
      day = monthLength(year, month);
    } else if (day > monthLength(year, month)) {
      day = 1;
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    return { year: year, month: month, day: day };
  }

  function addMonths(date, months) {
    var index = date.year * 12 + (date.month - 1) + months;
    var year = Math.floor(index / 12);
    var month = (index % 12) + 1;
    return { year: year, month: month, day: Math.min(date.day, monthLength(year, month)) };
  }

  function pad(number) {
    return number < 10 ? "0" + number : String(number);
  }

  function read(box) {
    var match = /^\s*(\d{4})\s*[\/.-]\s*(\d{1,2})\s*[\/.-]\s*(\d{1,2})\s*$/.exec(toLatin(box.value));
    if (!match) {
      var now = new Date();
      return jalaliOf(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
    }
    return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  }

  // The package's show() makes the calendar visible again TRANSITION_MS later, even if it was
  // hidden meanwhile: a day clicked, or Enter pressed, right after Page Down left it open for
  // good. So every show is noted, and a hide is made again once that time has passed, unless
  // the calendar was shown since.
  var TRANSITION_MS = 300;
  var shownAt = 0;

  function show(box) {
    shownAt = Date.now();
    window.jalaliDatepicker.show(box);
  }

  function hide() {
    var hiddenAt = Date.now();
    window.jalaliDatepicker.hide();
    window.setTimeout(function () {
      if (shownAt <= hiddenAt) {
        window.jalaliDatepicker.hide();
      }
    }, TRANSITION_MS + 50);
  }

  function write(box, date) {
    box.value = date.year + "/" + pad(date.month) + "/" + pad(date.day);
    show(box); // draws the calendar again around the new day
  }

  window.jalaliDatepicker.startWatch({
    months: options.months,
    days: options.days,
    persianDigits: false, // see localizeCalendar
    autoReadOnlyInput: false, // typing a date stays possible, on phones too
    showCloseBtn: true,
    zIndex: 1060,
  });

  // The package draws the calendar again for every month, year and day chosen; option values
  // stay Latin (the package reads them), only the text shown changes.
  function localizeCalendar(container) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (/[0-9]/.test(node.nodeValue)) {
        node.nodeValue = toLocal(node.nodeValue);
      }
    }
  }

  new MutationObserver(function (mutations) {
    var container = document.querySelector("jdp-container");
    if (!container) {
      return;
    }
    for (var i = 0; i < mutations.length; i++) {
      if (container.contains(mutations[i].target)) {
        localizeCalendar(container);
        return;
      }
    }
  }).observe(document.body, { childList: true, subtree: true });

  // Capture phase: before the package's own focus handler reads the box (and shows the
  // calendar).
  document.addEventListener(
    "focusin",
    function (event) {
      if (isDateBox(event.target)) {
        event.target.value = toLatin(event.target.value);
        shownAt = Date.now();
      }
    },
    true,
  );
  document.addEventListener(
    "focusout",
    function (event) {
      if (isDateBox(event.target)) {
        event.target.value = toLocal(event.target.value);
      }
    },
    true,
  );
  // A day clicked in the calendar: the box has lost the focus already. The package hides
  // the calendar after a change; hide() makes sure it stays hidden.
  document.addEventListener("jdp:change", function (event) {
    if (isDateBox(event.target)) {
      if (document.activeElement !== event.target) {
        event.target.value = toLocal(event.target.value);
      }
      hide();
    }
  });

  var STEPS = { ArrowDown: [1, 0], ArrowUp: [-1, 0], PageDown: [0, 1], PageUp: [0, -1] };

  document.addEventListener(
    "keydown",
    function (event) {
      var box = event.target;
      if (!isDateBox(box) || event.altKey || event.ctrlKey || event.metaKey) {
        return;
      }
      var step = STEPS[event.key];
      if (step) {
        event.preventDefault();
        var date = read(box);
        write(box, step[0] ? addDays(date, step[0]) : addMonths(date, step[1] * (event.shiftKey ? 12 : 1)));
        return;
      }
      if (event.key === "Enter" || event.key === "Escape") {
        var container = document.querySelector("jdp-container");
        if (container && container.style.display !== "none") {
          // The package's own Escape handler would also take the focus away from the box.
          event.preventDefault();
          event.stopPropagation();
          hide();
        }
      }
    },
    true,
  );
})();
