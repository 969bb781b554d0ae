import { mount } from "svelte";
import StaffApp from "./StaffApp.svelte";
import "./app.css";

mount(StaffApp, { target: document.getElementById("app")! });
